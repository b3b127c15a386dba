// Command kube is the big binary of the benchmarks: a program using k8s.io/client-go (its
// typed clientset and fake API server), about 60 MB built with optimizations off. It lists the
// pods of a namespace from the fake clientset and panics describing one: index out of range,
// three calls deep, with a Kubernetes object, a map and a slice in the frames.
package main

import (
	"context"
	"fmt"

	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/kubernetes/fake"
)

func describe(pod *corev1.Pod, slot int) string {
	labels := pod.Labels
	containers := pod.Spec.Containers
	image := containers[slot].Image
	return fmt.Sprint(labels, image)
}

func schedule(cs kubernetes.Interface, namespace string) int {
	pods, err := cs.CoreV1().Pods(namespace).List(context.Background(), metav1.ListOptions{})
	if err != nil {
		panic(err)
	}
	total := 0
	for i := range pods.Items {
		pod := &pods.Items[i]
		total += len(describe(pod, i+1))
	}
	return total
}

func main() {
	cs := fake.NewClientset(&corev1.Pod{
		ObjectMeta: metav1.ObjectMeta{Name: "web-0", Namespace: "shop", Labels: map[string]string{"app": "web", "tier": "front"}},
		Spec:       corev1.PodSpec{Containers: []corev1.Container{{Name: "nginx", Image: "nginx:1.27"}}},
	})
	fmt.Println(schedule(cs, "shop"))
}
